// Browser test of the node console: playwright-core driving Debian's Chromium against a real node.
// usage: node console.test.mjs <baseUrl> <txHash> <address> <did> <assetId> <screenshotDir> <objectId>
// Exits 0 when every check passes; prints the failed check and exits 1 otherwise.
import { chromium } from "playwright-core";

const [base, txHash, address, did, asset, shots, object] = process.argv.slice(2);
const executablePath = process.env.JING_CHROMIUM || "/usr/bin/chromium";
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
const checks = [];
const check = async (name, fn) => {
  try {
    await fn();
    checks.push(name);
    console.log("ok   " + name);
  } catch (e) {
    console.log("FAIL " + name + ": " + e.message);
    await browser.close();
    process.exit(1);
  }
};
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on("pageerror", (e) => console.log("page error: " + e.message));
const requests = [];
page.on("request", (r) => requests.push(r.url()));

await check("the dashboard loads with the chain's height", async () => {
  await page.goto(base + "/");
  await page.waitForSelector("#height", { timeout: 20000 });
  const h = Number(await page.textContent("#height"));
  if (!(h >= 1)) throw new Error("height " + h);
});
await check("live updates arrive from the block stream", async () => {
  const h0 = Number(await page.textContent("#height"));
  await page.waitForFunction((h) => Number(document.querySelector("#height").textContent) > h, h0, { timeout: 30000 });
  await page.waitForSelector('#live[data-state="live"]', { timeout: 10000 });
  const rows = await page.locator("#blocks tr").count();
  if (rows < 1) throw new Error("no block rows");
});
if (shots) await page.screenshot({ path: shots + "/console-dashboard.png", fullPage: true });
await check("search finds a submitted transaction and shows its receipt", async () => {
  await page.fill("#q", txHash);
  await page.press("#q", "Enter");
  await page.waitForSelector("#tx-status", { timeout: 10000 });
  const status = await page.textContent("#tx-status");
  if (status !== "committed") throw new Error("status " + status);
  const events = await page.textContent("main");
  if (!events.includes("asset.TokenCreated")) throw new Error("no TokenCreated event shown");
});
if (shots) await page.screenshot({ path: shots + "/console-transaction.png", fullPage: true });
await check("search by height opens the block", async () => {
  await page.fill("#q", "1");
  await page.press("#q", "Enter");
  await page.waitForFunction(() => document.querySelector("#block-title")?.textContent === "Block 1", null, { timeout: 10000 });
});
await check("the platform services' views are loaded", async () => {
  const services = (await page.textContent("#services")).split(", ");
  for (const s of ["asset", "identity", "datadir", "xchain", "contracts", "store", "aggregate", "ctoken"]) {
    if (!services.includes(s)) throw new Error("footer lists " + services.join(", "));
  }
});
await check("search by address shows the account with the asset service's balances", async () => {
  await page.fill("#q", address);
  await page.press("#q", "Enter");
  await page.waitForSelector("text=next nonce", { timeout: 10000 });
  await page.waitForSelector("text=Balances", { timeout: 10000 });
  await page.waitForSelector("#balances", { timeout: 10000 });
  const row = await page.textContent("#balances tbody tr");
  if (!row.includes("CNY") || !row.includes("123.45") || !row.includes("12345")) throw new Error("balance row: " + row);
});
await check("the account's history pages back to its first transaction", async () => {
  await page.waitForFunction(() => document.querySelectorAll("#history tbody tr").length === 25, null, { timeout: 10000 });
  const first = await page.textContent("#history tbody tr");
  if (!first.includes("asset.create") || !first.includes("sent")) throw new Error("newest row: " + first);
  if ((await page.locator(`#history a[href="#/tx/${txHash}"]`).count()) !== 0) throw new Error("the oldest is on the first page");
  await page.click("#history-more");
  await page.waitForFunction(() => document.querySelectorAll("#history tbody tr").length > 25, null, { timeout: 10000 });
  if ((await page.locator(`#history a[href="#/tx/${txHash}"]`).count()) !== 1) throw new Error("the token's creation is not in the history");
  if (!(await page.locator("#history-more").isHidden())) throw new Error("'older' still offered after the last page");
  if (!(await page.textContent("#history-count")).includes("(all)")) throw new Error("count: " + (await page.textContent("#history-count")));
});
if (shots) await page.screenshot({ path: shots + "/console-account.png", fullPage: true });
await check("a transaction's page shows its sender, nonce, call and time", async () => {
  await page.click(`#history a[href="#/tx/${txHash}"]`);
  await page.waitForFunction((a) => document.querySelector("#tx-sender")?.textContent === a, address, { timeout: 10000 });
  if ((await page.textContent("#tx-nonce")) !== "0") throw new Error("nonce " + (await page.textContent("#tx-nonce")));
  if ((await page.textContent("#tx-call")) !== "asset.create") throw new Error("call " + (await page.textContent("#tx-call")));
  if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/.test(await page.textContent("#tx-time"))) throw new Error("time " + (await page.textContent("#tx-time")));
});
await check("the browser verifies the transaction: signature, block, commit and receipt", async () => {
  await page.waitForSelector('#verified[data-state]', { timeout: 20000 });
  const text = await page.textContent("#verified");
  if ((await page.getAttribute("#verified", "data-state")) !== "verified") throw new Error(text);
  for (const part of ["signed by its sender", "which is committed (signed by 1 of 1 validators)", "its receipt is the block's", "genesis validators of test-intl"]) {
    if (!text.includes(part)) throw new Error("badge lacks '" + part + "': " + text);
  }
});
if (shots) await page.screenshot({ path: shots + "/console-verified.png", fullPage: true });
await check("a node that lies about a receipt is caught by the browser", async () => {
  const lie = (body) => body.replaceAll('"symbol":"WEB"', '"symbol":"FAKE"');
  const lying = await browser.newPage();
  await lying.route(/\/api\/v1\/(transactions|blocks)\/[0-9a-f]+$|\/api\/v1\/blocks\/\d+$/, async (route) => {
    const r = await route.fetch();
    await route.fulfill({ response: r, body: lie(await r.text()) });
  });
  await lying.goto(base + "/#/tx/" + txHash);
  await lying.waitForSelector('#verified[data-state]', { timeout: 20000 });
  if (!(await lying.textContent("main")).includes("symbol=FAKE")) throw new Error("the lie did not reach the page");
  const text = await lying.textContent("#verified");
  if ((await lying.getAttribute("#verified", "data-state")) !== "failed" || !text.includes("NOT VERIFIED: RESULTS_ROOT_MISMATCH")) throw new Error(text);
  await lying.close();
});
await check("a block's page shows who certified it and steps to the next block", async () => {
  await page.goto(base + "/#/block/1");
  await page.waitForSelector("#block-certified", { timeout: 10000 });
  const c = await page.textContent("#block-certified");
  if (c !== "1 of 1 validators") throw new Error("certified: " + c);
  await page.waitForSelector('#verified[data-state="verified"]', { timeout: 20000 });
  if (!(await page.textContent("#verified")).includes("block 1 is committed (signed by 1 of 1 validators: #0)")) throw new Error(await page.textContent("#verified"));
  await page.click("#block-next");
  await page.waitForFunction(() => document.querySelector("#block-title")?.textContent === "Block 2", null, { timeout: 10000 });
  await page.click("#block-prev");
  await page.waitForFunction(() => document.querySelector("#block-title")?.textContent === "Block 1", null, { timeout: 10000 });
});
if (shots) await page.screenshot({ path: shots + "/console-block.png", fullPage: true });
await check("a DID shows its document and status", async () => {
  await page.fill("#q", did);
  await page.press("#q", "Enter");
  await page.waitForFunction((d) => document.querySelector("#did-id")?.textContent === d, did, { timeout: 10000 });
  const s = await page.textContent("#did-status");
  if (s !== "active") throw new Error("status " + s);
  if (!(await page.textContent("main")).includes("JsonWebKey2020")) throw new Error("no document shown");
});
if (shots) await page.screenshot({ path: shots + "/console-did.png", fullPage: true });
await check("a DID that does not exist resolves as notFound", async () => {
  const missing = "did:jing:" + "0".repeat(40);
  await page.fill("#q", missing);
  await page.press("#q", "Enter");
  await page.waitForFunction((d) => document.querySelector("#did-id")?.textContent === d, missing, { timeout: 10000 });
  const s = await page.textContent("#did-status");
  if (s !== "notFound") throw new Error("status " + s);
});
await check("words search the data catalogue and an asset draws its lineage", async () => {
  await page.fill("#q", "forecasting");
  await page.press("#q", "Enter");
  await page.waitForSelector("#catalogue", { timeout: 10000 });
  await page.click(`#catalogue a[href="#/data/${asset}"]`);
  await page.waitForFunction((a) => document.querySelector("#data-id")?.textContent === a, asset, { timeout: 10000 });
  await page.waitForSelector("#lineage", { timeout: 10000 });
  const nodes = await page.locator("#lineage g.node").count();
  if (nodes < 2) throw new Error("lineage graph shows " + nodes + " assets");
  if ((await page.locator('#lineage g.node[data-id="ridership-2025"]').count()) !== 1) throw new Error("the parent is not drawn");
  if ((await page.locator("#lineage line").count()) < 1) throw new Error("no edge drawn");
  if ((await page.locator("#data-versions tbody tr").count()) !== 1) throw new Error("versions: " + (await page.textContent("#data-versions")));
  const audit = await page.textContent("#data-audit tbody tr");
  if (!audit.includes("requested") || !audit.includes(did)) throw new Error("audit trail: " + audit);
});
if (shots) await page.screenshot({ path: shots + "/console-lineage.png", fullPage: true });
await check("the cross-chain page lists the chain's clients of other chains", async () => {
  await page.fill("#q", "xchain");
  await page.press("#q", "Enter");
  await page.waitForSelector("text=Cross-chain clients", { timeout: 10000 });
});
await check("the storage page lists the storage nodes with their reputation", async () => {
  await page.fill("#q", "store");
  await page.press("#q", "Enter");
  await page.waitForSelector("#store-nodes", { timeout: 10000 });
  const rows = await page.locator("#store-nodes tbody tr").count();
  if (rows !== 2) throw new Error(rows + " storage nodes listed");
  if (!(await page.textContent("#store-nodes")).includes("sn-a")) throw new Error("sn-a not listed");
});
await check("an object's page shows where each shard lives", async () => {
  await page.fill("#q", "object:" + object);
  await page.press("#q", "Enter");
  await page.waitForFunction(() => document.querySelector("#object-name")?.textContent === "scans/ct-0001.dcm", null, { timeout: 10000 });
  const shards = await page.locator("#object-shards tbody tr").count();
  if (shards !== 2) throw new Error(shards + " shards shown");
  if (!(await page.textContent("#object-status")).includes("uploading")) throw new Error("status " + (await page.textContent("#object-status")));
});
if (shots) await page.screenshot({ path: shots + "/console-store-object.png", fullPage: true });
await check("the aggregates page lists sealed aggregates and committees", async () => {
  await page.fill("#q", "aggregates");
  await page.press("#q", "Enter");
  await page.waitForSelector("#aggregate-list", { timeout: 10000 });
  if (!(await page.textContent("#aggregate-list")).includes("total 7")) throw new Error("w49's total not listed");
  if (!(await page.textContent("#committee-list")).includes("ready")) throw new Error("the committee is not listed as ready");
});
await check("an aggregate's page shows its count and total but no contribution", async () => {
  await page.fill("#q", "aggregate:w49");
  await page.press("#q", "Enter");
  await page.waitForFunction(() => document.querySelector("#aggregate-id")?.textContent === "w49", null, { timeout: 10000 });
  if ((await page.textContent("#aggregate-total")).trim() !== "7") throw new Error("total " + (await page.textContent("#aggregate-total")));
  if (!(await page.textContent("#aggregate-count")).startsWith("1 ")) throw new Error("count " + (await page.textContent("#aggregate-count")));
  await page.click('a[href="#/committee/health"]');
  await page.waitForFunction(() => document.querySelector("#committee-phase")?.textContent.startsWith("ready"), null, { timeout: 10000 });
});
if (shots) await page.screenshot({ path: shots + "/console-committee.png", fullPage: true });
await check("a confidential token's page shows its supply and transfers with hidden amounts", async () => {
  await page.fill("#q", "ctoken:WEBC");
  await page.press("#q", "Enter");
  await page.waitForFunction(() => document.querySelector("#ctoken-symbol")?.textContent === "WEBC", null, { timeout: 10000 });
  if (!(await page.textContent("#ctoken-supply")).startsWith("1000 units")) throw new Error("supply " + (await page.textContent("#ctoken-supply")));
  const rows = await page.locator("#ctoken-transfers tbody tr").count();
  if (rows !== 1) throw new Error(rows + " transfers shown");
  const row = await page.textContent("#ctoken-transfers tbody tr");
  if (!row.includes("hidden") || row.includes("100 ")) throw new Error("the amount shows: " + row);
});
await check("the governance page lists the organisations and proposals, and a proposal its votes", async () => {
  await page.fill("#q", "gov");
  await page.press("#q", "Enter");
  await page.waitForSelector("#gov-orgs", { timeout: 10000 });
  if (!(await page.textContent("#gov-orgs")).includes("genesis")) throw new Error("orgs: " + (await page.textContent("#gov-orgs")));
  await page.waitForFunction(() => document.querySelectorAll("#gov-proposals tbody tr").length === 1, null, { timeout: 10000 });
  const row = await page.textContent("#gov-proposals tbody tr");
  if (!row.includes("set_param") || !row.includes("block.maxTxs")) throw new Error("proposal row: " + row);
  if (!(await page.textContent("#gov-epochs")).includes("no changes since genesis")) throw new Error("epochs: " + (await page.textContent("#gov-epochs")));
  await page.click('#gov-proposals a[href="#/proposal/1"]');
  await page.waitForFunction(() => document.querySelector("#proposal-id")?.textContent === "1", null, { timeout: 10000 });
  const votes = await page.textContent("#proposal-votes");
  if (!votes.includes("genesis") || !votes.includes("approve")) throw new Error("votes: " + votes);
  if (!["executed", "open"].includes(await page.textContent("#proposal-status"))) throw new Error("status " + (await page.textContent("#proposal-status")));
});
await check("an unknown hash says so", async () => {
  await page.fill("#q", "ab".repeat(32));
  await page.press("#q", "Enter");
  await page.waitForSelector("#error", { timeout: 10000 });
});
await check("it is readable at a phone's width", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + "/");
  await page.waitForSelector("#height", { timeout: 20000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 2) throw new Error("page is " + overflow + " px wider than the screen");
});
if (shots) await page.screenshot({ path: shots + "/console-phone.png", fullPage: true });
await check("everything came from the node itself", async () => {
  const foreign = requests.filter((u) => !u.startsWith(base));
  if (foreign.length) throw new Error("requests elsewhere: " + foreign.join(", "));
});
await browser.close();
console.log(`all ${checks.length} console checks passed`);
