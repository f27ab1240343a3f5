// Parses Mermaid blocks with the real Mermaid in a headless Chromium (tests/report/test_mermaid.py).
// stdin: a JSON list of diagram texts; stdout: one line per diagram, "ok <type>" or "error <message>".
// Run with NODE_PATH naming a node_modules that holds mermaid and puppeteer.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const modules = process.env.NODE_PATH;
const require = createRequire(path.join(modules, 'noop.js'));
const puppeteer = require('puppeteer');
const blocks = JSON.parse(readFileSync(0, 'utf8'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage();
await page.addScriptTag({ path: path.join(modules, 'mermaid/dist/mermaid.min.js') });
const results = await page.evaluate(async (blocks) => {
  const out = [];
  for (const block of blocks) {
    try {
      const parsed = await mermaid.parse(block);
      out.push('ok ' + parsed.diagramType);
    } catch (e) {
      out.push('error ' + String(e.message || e).split('\n').join(' | '));
    }
  }
  return out;
}, blocks);
await browser.close();
console.log(results.join('\n'));
