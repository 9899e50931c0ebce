// Adds lockfile entries for optional platform packages that the registry reachable here does not serve
// (e.g. @next/swc-darwin-arm64). Without them `npm ci` refuses the lock ("Missing ... from lock file").
// The entries carry os/cpu so npm skips them on Linux, exactly as it would with a lock made on a full registry.
import { readFileSync, writeFileSync, existsSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
if (!existsSync(lockPath)) process.exit(0);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages ?? {};

const OS = ["darwin", "linux", "win32", "freebsd", "openbsd", "netbsd", "sunos", "aix", "android", "openharmony"];
const CPU = { x64: "x64", arm64: "arm64", ia32: "ia32", arm: "arm", ppc64: "ppc64", s390x: "s390x", riscv64: "riscv64", loong64: "loong64", mips64el: "mips64el", wasm32: "wasm32" };

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  if (!cpu || (!os && cpu !== "wasm32")) return null;
  const entry = os ? { os: [os], cpu: [cpu] } : { cpu: [cpu] };
  if (parts.includes("musl") || parts.includes("linuxmusl")) entry.libc = ["musl"];
  else if (os === "linux" && (parts.includes("gnu") || parts.includes("gnueabihf"))) entry.libc = ["glibc"];
  return entry;
}

let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  if (!path || !meta.optionalDependencies) continue;
  const base = path.slice(0, path.lastIndexOf("node_modules/") + "node_modules/".length);
  for (const [dep, range] of Object.entries(meta.optionalDependencies)) {
    const nested = `${path}/node_modules/${dep}`;
    const hoisted = `${base}${dep}`;
    if (packages[nested] || packages[hoisted] || packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    const version = /^\d+\.\d+\.\d+/.test(range) ? range : null;
    if (!platform || !version) continue;
    packages[`node_modules/${dep}`] = { version, ...platform, optional: true };
    added += 1;
  }
}

if (added > 0) {
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
  writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n");
  console.log(`fix-lock: added ${added} optional platform entries to package-lock.json`);
}
