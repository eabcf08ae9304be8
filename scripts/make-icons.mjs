// Renders static/favicon.svg into the PNG app icons with Chromium (run once; PNGs are committed).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const svg = readFileSync('static/favicon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const [name, size, pad, bg] of [
	['icon-192.png', 192, 0, 'transparent'],
	['icon-512.png', 512, 0, 'transparent'],
	['icon-maskable-512.png', 512, 80, '#7a1f2b']
]) {
	await page.setViewportSize({ width: size, height: size });
	await page.setContent(
		`<html><body style="margin:0;background:${bg}"><div style="padding:${pad}px;width:${size}px;height:${size}px;box-sizing:border-box">${svg.replace('<svg ', `<svg width="${size - 2 * pad}" height="${size - 2 * pad}" `)}</div></body></html>`
	);
	await page.screenshot({ path: `static/icons/${name}`, omitBackground: bg === 'transparent' });
}
await browser.close();
