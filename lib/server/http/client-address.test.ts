import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it.each([
    ["no proxy: the socket, whatever the client claims", "::ffff:203.0.113.5", "1.2.3.4", false, "203.0.113.5"],
    ["no proxy, no header", "2001:db8::1", undefined, false, "2001:db8::1"],
    ["trusted proxy: the address the proxy appended", "10.0.0.2", "1.2.3.4, 198.51.100.7", true, "198.51.100.7"],
    ["trusted proxy without a header: the socket", "10.0.0.2", undefined, true, "10.0.0.2"],
    ["trusted proxy, garbage appended: the socket", "10.0.0.2", "<script>", true, "10.0.0.2"],
    ["trusted proxy appending a port", "10.0.0.2", "198.51.100.7:51234", true, "198.51.100.7"],
    ["trusted proxy appending [v6]:port", "10.0.0.2", "[2001:db8::5]:443", true, "2001:db8::5"],
  ])("%s", (_label, socket, xff, trust, expected) => {
    expect(clientAddress(socket, xff, trust)).toBe(expected);
  });
});
