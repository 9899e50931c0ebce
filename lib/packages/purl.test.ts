import { describe, expect, it } from "vitest";
import { checkPurl, derivePurl, publishedPurl } from "./purl";

describe("purls", () => {
  it("derives the purl from ecosystem + name, with distribution namespaces and scoped names", () => {
    expect(derivePurl("PyPI", "acme-core-py")).toBe("pkg:pypi/acme-core-py");
    expect(derivePurl("npm", "@acme/parser")).toBe("pkg:npm/%40acme/parser");
    expect(derivePurl("Maven", "org.acme:parser")).toBe("pkg:maven/org.acme/parser");
    expect(derivePurl("Debian:12", "openssl")).toBe("pkg:deb/debian/openssl");
    expect(derivePurl("Linux", "Kernel")).toBeNull();
  });

  it("keeps a typed purl only when it names the same package (qualifiers allowed)", () => {
    expect(checkPurl("PyPI", "acme-core-py", "")).toEqual({ ok: true, purl: "pkg:pypi/acme-core-py" });
    expect(checkPurl("PyPI", "Acme_Core_Py", "pkg:pypi/acme-core-py")).toEqual({ ok: true, purl: "pkg:pypi/acme-core-py" });
    expect(checkPurl("Debian:12", "openssl", "pkg:deb/debian/openssl?arch=source")).toEqual({ ok: true, purl: "pkg:deb/debian/openssl?arch=source" });
    expect(checkPurl("PyPI", "acme-core-py", "pkg:pypi/acme-lib")).toMatchObject({ ok: false, message: expect.stringContaining("expected pkg:pypi/acme-core-py") });
    expect(checkPurl("Linux", "Kernel", "pkg:generic/kernel")).toEqual({ ok: true, purl: "pkg:generic/kernel" });
    expect(checkPurl("Linux", "Kernel", "pkg:generic/glibc")).toMatchObject({ ok: false });
  });

  it("serves a stored purl of another package (saved before the check) as the derived one", () => {
    expect(publishedPurl("PyPI", "acme-core-py", "pkg:pypi/acme-lib")).toBe("pkg:pypi/acme-core-py");
    expect(publishedPurl("PyPI", "acme-core-py", "garbage")).toBe("pkg:pypi/acme-core-py");
    expect(publishedPurl("PyPI", "acme-core-py", null)).toBe("pkg:pypi/acme-core-py");
  });
});
