import { describe, expect, it } from "vitest";
import { clientKey, mailboxKey, networkKey } from "./policy";

describe("clientKey", () => {
  it.each([
    [null, null],
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
    ["2001:DB8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["::FFFF:192.0.2.1", "192.0.2.1"],
    ["::ffff:c000:0201", "192.0.2.1"],
    ["1.2.3.4:5678", "unparseable"],
    ["not an address", "unparseable"],
  ])("%s → %s", (ip, key) => expect(clientKey(ip)).toBe(key));

  it("two addresses of one /64 share a key", () => {
    expect(clientKey("2001:db8:aa:bb::1")).toBe(clientKey("2001:db8:aa:bb:ffff:ffff:ffff:ffff"));
  });
});

describe("mailboxKey (limits per address cannot be multiplied by a tag)", () => {
  it.each([
    ["ada@reporter.example", "ada@reporter.example"],
    ["Ada+1@Reporter.Example", "ada@reporter.example"],
    ["ada+a+b@reporter.example", "ada@reporter.example"],
    ["+tag@reporter.example", "+tag@reporter.example"],
    ["bob@reporter.example", "bob@reporter.example"],
  ])("%s → %s", (email, key) => expect(mailboxKey(email)).toBe(key));
});

describe("networkKey (the report form's per-network limit)", () => {
  it.each([
    [null, null],
    ["203.0.113.7", "203.0.113.0/24"],
    ["203.0.113.250", "203.0.113.0/24"],
    ["::ffff:192.0.2.1", "192.0.2.0/24"],
    ["2001:db8:1:2::9", "2001:db8:1::/48"],
    ["2001:db8:1:ffff::9", "2001:db8:1::/48"],
    ["2001:db8:2:2::9", "2001:db8:2::/48"],
    ["not an address", "unparseable"],
  ])("%s → %s", (ip, key) => expect(networkKey(ip)).toBe(key));

  it("neighbours in a /24 share a key, other networks do not", () => {
    expect(networkKey("198.51.100.1")).toBe(networkKey("198.51.100.254"));
    expect(networkKey("198.51.100.1")).not.toBe(networkKey("198.51.101.1"));
  });
});
