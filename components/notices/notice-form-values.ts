// The notice form's values and their empty state. A plain module (not "use client"): the server pages that open
// the form read these constants; imported from a client module they would only be references.
import type { RangeRow } from "./range-rows";

export type AdvisoryDataValues = { affectedPackages: RangeRow[]; references: string; mitigation: string; workaround: string };

export const EMPTY_ADVISORY_DATA: AdvisoryDataValues = { affectedPackages: [], references: "", mitigation: "", workaround: "" };

export type NoticeFormValues = {
  title: string;
  summary: string;
  description: string;
  remediation: string;
  detection: string;
  affectedVersions: string;
  fixedVersions: string;
  cveIds: string;
  relatedCveIds: string;
  cwe: string;
  cvssVector: string;
  severity: string;
  deployBeforeDisclosure: boolean;
  patchEmbargoed: boolean;
  embargoNotes: string;
  reporterCredit: string;
  reporterOptOut: boolean;
  disclosureAt: Date | string;
  audience: "ALL_ACTIVE" | "SELECTED";
  organisationIds: string[];
  encryptFullText: boolean;
  advisory: AdvisoryDataValues;
};

export const EMPTY_NOTICE: Omit<NoticeFormValues, "disclosureAt"> = {
  title: "",
  summary: "",
  description: "",
  remediation: "",
  detection: "",
  affectedVersions: "",
  fixedVersions: "",
  cveIds: "",
  relatedCveIds: "",
  cwe: "",
  cvssVector: "",
  severity: "",
  deployBeforeDisclosure: false,
  patchEmbargoed: true,
  embargoNotes: "",
  reporterCredit: "",
  reporterOptOut: false,
  audience: "ALL_ACTIVE",
  organisationIds: [],
  encryptFullText: false,
  advisory: EMPTY_ADVISORY_DATA,
};
