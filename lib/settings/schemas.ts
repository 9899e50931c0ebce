// The project's settings form: who publishes the advisories and how the exports name things. One strict schema;
// each field's message says what is expected.
import { z } from "zod";
import { isValidOsvPrefix } from "./osv-prefix";
import { checkEcosystem } from "@/lib/packages/ecosystems";
import { checkPurl } from "@/lib/packages/purl";
import { isTimeZone } from "@/lib/time/zones";
import { refuseInvisibleCharacters } from "@/lib/text/invisible-characters";
import { checkWebAddress, webAddressMessage } from "@/lib/text/web-address";

export type ProjectPackage = { ecosystem: string; name: string; purl: string | null };

/** An https:// address ("" when left empty), kept in its normal form: it goes into the CSAF and CVE documents. */
const https = (what: string) =>
  z
    .string()
    .trim()
    .max(300)
    .transform((value, ctx) => {
      if (value === "") return "";
      const checked = checkWebAddress(value, { httpsOnly: true });
      if (checked.ok) return checked.url;
      ctx.addIssue({ code: "custom", message: `${what}: ${webAddressMessage(checked.problem, value, { httpsOnly: true })}` });
      return z.NEVER;
    });

/** One package per line: "ECOSYSTEM NAME" and optionally its package URL, e.g. "PyPI cryptography pkg:pypi/cryptography". */
export const packageLines = z
  .string()
  .max(5_000)
  .default("")
  .transform((value, ctx): ProjectPackage[] => {
    const packages: ProjectPackage[] = [];
    value.split(/\r?\n/).forEach((raw, index) => {
      const line = raw.trim();
      if (!line) return;
      const [ecosystem, name, purl, ...rest] = line.split(/\s+/);
      const at = `Line ${index + 1} ("${line.slice(0, 60)}")`;
      if (!name || rest.length > 0) {
        ctx.addIssue({ code: "custom", message: `${at}: write ECOSYSTEM NAME and optionally a package URL, e.g. "PyPI cryptography pkg:pypi/cryptography".` });
        return;
      }
      // The same rules as a notice's affected ranges: these packages prefill them.
      const eco = checkEcosystem(ecosystem!);
      if (!eco.ok) {
        ctx.addIssue({ code: "custom", message: `${at}: ${eco.message}` });
        return;
      }
      const checked = checkPurl(eco.ecosystem, name, purl ?? "");
      if (!checked.ok) {
        ctx.addIssue({ code: "custom", message: `${at}: ${checked.message}` });
        return;
      }
      packages.push({ ecosystem: eco.ecosystem, name, purl: purl === undefined ? null : checked.purl });
    });
    if (packages.length > 50) ctx.addIssue({ code: "custom", message: "At most 50 packages." });
    return packages;
  });

/** Names go into email subjects, XML and JSON documents: one line, no control characters. */
const ONE_LINE = /^[^\p{Cc}]*$/u;

export const ProjectSettingsSchema = z
  .object({
    name: z.string().trim().min(1, "Give the project's name, e.g. “libarchive”.").max(100).regex(ONE_LINE, "Write the name on one line, without control characters.").superRefine(refuseInvisibleCharacters),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "A short lower-case name for ids and file names: letters, digits and -, e.g. “libarchive”."),
    repositoryUrl: https("The repository URL"),
    packages: packageLines,
    publisherName: z.string().trim().min(1, "Name who publishes the advisories (CSAF publisher), e.g. “The libarchive project”.").max(200).regex(ONE_LINE, "Write the name on one line, without control characters.").superRefine(refuseInvisibleCharacters),
    publisherNamespace: https("The publisher namespace").refine((v) => v !== "", "The publisher namespace is the publisher's web address, e.g. https://libarchive.org."),
    osvPrefix: z
      .string()
      .trim()
      .refine(isValidOsvPrefix, "An OSV id prefix for a database osv.dev has not registered starts with x_, e.g. x_libarchive."),
    announceAddress: z.union([z.literal(""), z.email("The announce list address is not an email address.")]).default(""),
    defaultDisclosureTime: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "A time of day like 14:00."),
    defaultDisclosureZone: z.string().trim().refine(isTimeZone, "A time zone like UTC or Europe/Berlin."),
    // Absent means yes: approval is the safe default.
    approveColleagues: z
      .enum(["yes", "no"], "Choose whether a maintainer approves the colleagues an organisation admin invites.")
      .default("yes")
      .transform((v) => v === "yes"),
    // Reports (issue 13): where security.txt and the report page point, the key reports may be encrypted to (checked
    // by the data layer: a public key that can encrypt, never a private one), the acknowledgement target.
    securityAddress: z.union([z.literal(""), z.email("The security address is not an email address, e.g. security@example.org.").max(254)]).default(""),
    reportPublicKey: z.string().max(100_000, "That key is too large (over 100 KB). Export only the public key, without signatures from other keys.").default(""),
    acknowledgeTargetHours: z.coerce
      .number("Give the acknowledgement target in hours, e.g. 48.")
      .int("Give a whole number of hours, e.g. 48.")
      .min(1, "Acknowledge reports within 1 to 720 hours (30 days).")
      .max(720, "Acknowledge reports within 1 to 720 hours (30 days).")
      .default(48),
  })
  .strict();

export type ProjectSettingsInput = z.infer<typeof ProjectSettingsSchema>;
