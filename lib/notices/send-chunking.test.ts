import { describe, expect, it } from "vitest";
import { chunkCut, storedBytes } from "./send-chunking";

const plain = (n: number, bytes = 1_000) => Array.from({ length: n }, () => ({ alone: false, bytes }));
const heavy = (n: number, bytes = 5_000_000) => Array.from({ length: n }, () => ({ alone: true, bytes }));
const BIG = 1e12;

describe("where a chunk of a send stops", () => {
  it("at whole batches of 100 clear-text emails; the rest is left to the next chunk", () => {
    expect(chunkCut(plain(150), { maxBytes: BIG, rest: false })).toBe(100);
    expect(chunkCut(plain(300), { maxBytes: BIG, rest: false })).toBe(300);
    expect(chunkCut(plain(299), { maxBytes: BIG, rest: false })).toBe(200);
  });
  it("the send's last chunk takes everything left", () => {
    expect(chunkCut(plain(150), { maxBytes: BIG, rest: true })).toBe(150);
    expect(chunkCut([], { maxBytes: BIG, rest: true })).toBe(0);
  });
  it("fewer than a batch composed and more to come: everything composed (no chunk ends empty-handed)", () => {
    expect(chunkCut(plain(40), { maxBytes: BIG, rest: false })).toBe(40);
  });
  it("emails travelling alone (attachments) end a chunk anywhere a clear-text batch is whole", () => {
    const mixed = [...heavy(2, 10), ...plain(100), ...heavy(1, 10), ...plain(20)];
    expect(chunkCut(mixed, { maxBytes: BIG, rest: false })).toBe(103);
  });
  it("within the byte budget, always at least one email", () => {
    expect(chunkCut(heavy(50), { maxBytes: 16_000_000, rest: false })).toBe(3);
    expect(chunkCut(heavy(50), { maxBytes: 16_000_000, rest: true })).toBe(3);
    expect(chunkCut(heavy(2, 20_000_000), { maxBytes: 16_000_000, rest: true })).toBe(1);
    // A budget that stops clear-text emails short of a batch: what fits.
    expect(chunkCut(plain(150, 1_000), { maxBytes: 50_000, rest: false })).toBe(50);
  });
  it("counts encrypted files as armored, and encrypted text with its overhead", () => {
    expect(storedBytes({ text: "abc" })).toBe(3);
    expect(storedBytes({ text: "abc", encryptTo: {}, attachments: [{ data: new Uint8Array(1_000_000) }] })).toBe(Math.ceil(3 * 1.4) + 4096 + 1_400_000 + 4096);
  });
});
