import "server-only";
// A maintainer's notice, read once per request and shared by a page and its metadata (React cache): the title in
// the metadata costs no second read, and both see the same row.
import { cache } from "react";
import { getNotice } from "@/lib/notices/data";
import { getViewer } from "@/lib/auth/viewer";

export const loadNotice = cache(async (noticeId: string) => getNotice(await getViewer(), noticeId));
