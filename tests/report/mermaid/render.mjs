// Renders an HTML page (with <pre class="mermaid"> blocks) in headless Chromium, as GitHub's
// renderer would, and saves a full-page PNG: node render.mjs page.html out.png [width].
// Prints the page height in CSS pixels. NODE_PATH names a node_modules with mermaid and puppeteer.
import { createRequire } from 'node:module';
import path from 'node:path';

const modules = process.env.NODE_PATH;
const require = createRequire(path.join(modules, 'noop.js'));
const puppeteer = require('puppeteer');
const [html, png, width] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--allow-file-access-from-files'],
});
const page = await browser.newPage();
await page.setViewport({ width: Number(width || 1280), height: 900 });
await page.goto('file://' + path.resolve(html));
await page.addScriptTag({ path: path.join(modules, 'mermaid/dist/mermaid.min.js') });
await page.evaluate(async () => {
  mermaid.initialize({ startOnLoad: false, theme: 'default' });
  await mermaid.run({ querySelector: 'pre.mermaid' });
});
const height = await page.evaluate(() => document.documentElement.scrollHeight);
const sections = await page.evaluate(() =>
  [...document.querySelectorAll('h2')].map((h) => `${Math.round(h.getBoundingClientRect().top + window.scrollY)} ${h.textContent}`),
);
console.error(sections.join('\n'));
await page.screenshot({ path: png, fullPage: true });
// Also in slices of two screens (1800 px), to look at: out.0.png, out.1.png, ...
for (let top = 0, n = 0; top < height; top += 1800, n++) {
  const clip = { x: 0, y: top, width: Number(width || 1280), height: Math.min(1800, height - top) };
  await page.screenshot({ path: png.replace(/\.png$/, `.${n}.png`), clip, captureBeyondViewport: true });
}
await browser.close();
console.log(height);
