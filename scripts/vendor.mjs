// Copy the front-end libraries that the pages load from static/ (no CDN at run time).
// Run by `npm run build` (see package.json); the copied files are committed.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const vendor = join(root, "static", "vendor");

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
  console.log(`vendor: ${from.slice(root.length + 1)} -> ${to.slice(root.length + 1)}`);
}

// Alpine.js, its CSP build (@alpinejs/csp): no eval, so the Content-Security-Policy
// needs no 'unsafe-eval'. Components are registered with Alpine.data in static/js/.
const alpine = join(vendor, "alpine");
rmSync(alpine, { recursive: true, force: true });
copy(join(modules, "@alpinejs", "csp", "dist", "cdn.min.js"), join(alpine, "alpine-csp.min.js"));
// At start-up the CSP build reads every property of globalThis, skipping the two
// that Chromium reports as deprecated when read. Chromium 156 reports a third one,
// `fence` (FencedFrame), which costs every page its Lighthouse "best practices"
// (82 instead of 100): skip it too. No expression of ours uses it.
const alpineFile = join(alpine, "alpine-csp.min.js");
const skipped = 'e==="styleMedia"||e==="sharedStorage"';
const alpineCode = readFileSync(alpineFile, "utf8");
if (!alpineCode.includes(skipped)) {
  throw new Error("Alpine's CSP build changed: check the globalThis skip list (scripts/vendor.mjs)");
}
writeFileSync(alpineFile, alpineCode.replace(skipped, `${skipped}||e==="fence"`));

// Font Awesome Free: the whole CSS and the solid and regular web fonts go to assets/
// (not served). scripts/subset_icons.py (`make icons`, run by `make css`) writes the
// subset the pages load into static/vendor/fontawesome/: only the icons in use.
const faSource = join(modules, "@fortawesome", "fontawesome-free");
const fa = join(root, "assets", "vendor", "fontawesome");
rmSync(fa, { recursive: true, force: true });
copy(join(faSource, "css", "all.min.css"), join(fa, "css", "all.min.css"));
for (const font of ["fa-solid-900.woff2", "fa-regular-400.woff2"]) {
  copy(join(faSource, "webfonts", font), join(fa, "webfonts", font));
}
copy(join(faSource, "LICENSE.txt"), join(fa, "LICENSE.txt"));

// axe-core: the accessibility checker the browser journeys inject into each public
// page (tests/e2e/axe.py). CI installs no Node.js, so the file is committed there.
const axe = join(root, "tests", "e2e", "vendor");
mkdirSync(axe, { recursive: true });
copy(join(modules, "axe-core", "axe.min.js"), join(axe, "axe.min.js"));
copy(join(modules, "axe-core", "LICENSE"), join(axe, "axe-core.LICENSE"));
