// Browser test of the console on a chain whose reads are for members (docs/spec/api-access.md):
// anonymous, it says to sign in; with a member's token pasted into the sign-in box it reads the
// chain again and follows the block stream through fetch; a wrong token is refused and dropped.
// usage: node access.test.mjs <baseUrl> <memberToken> <memberAddress>
// Exits 0 when every check passes; prints the failed check and exits 1 otherwise.
import { chromium } from "playwright-core";

const [base, token, address] = process.argv.slice(2);
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

await check("anonymous, the dashboard says to sign in", async () => {
  await page.goto(base + "/");
  await page.waitForSelector("#error", { timeout: 20000 });
  if ((await page.getAttribute("#error", "data-code")) !== "AUTH_REQUIRED") throw new Error(await page.textContent("#error"));
  if (!(await page.textContent("#error-title")).includes("Sign in")) throw new Error(await page.textContent("#error-title"));
  if ((await page.textContent("#who")) !== "anonymous") throw new Error("who: " + (await page.textContent("#who")));
});
await check("a token that is not one is refused and dropped", async () => {
  await page.fill("#token", "jt1.not.a-token");
  await page.press("#token", "Enter");
  await page.waitForFunction(() => document.querySelector("#who").textContent.includes("TOKEN_INVALID"), null, { timeout: 10000 });
  if (await page.evaluate(() => sessionStorage.getItem("jing.token"))) throw new Error("the bad token was kept");
});
await check("a member's token shows who signed in and the chain again", async () => {
  await page.fill("#token", token);
  await page.press("#token", "Enter");
  await page.waitForFunction((a) => document.querySelector("#who").dataset.account === a, address, { timeout: 10000 });
  await page.waitForSelector("#height", { timeout: 20000 });
  const who = await page.textContent("#who");
  if (!who.includes("genesis") || !who.includes("admin")) throw new Error("who: " + who);
});
await check("signed in, live blocks arrive through the authorised stream", async () => {
  const h0 = Number(await page.textContent("#height"));
  await page.waitForFunction((h) => Number(document.querySelector("#height").textContent) > h, h0, { timeout: 30000 });
  await page.waitForSelector('#live[data-state="live"]', { timeout: 10000 });
});
await check("signing out forgets the token", async () => {
  await page.click("#signout");
  await page.waitForFunction(() => document.querySelector("#who").textContent === "anonymous", null, { timeout: 10000 });
  await page.waitForSelector("#error", { timeout: 10000 });
  if (await page.evaluate(() => sessionStorage.getItem("jing.token"))) throw new Error("the token was kept");
});
await browser.close();
console.log(`all ${checks.length} access checks passed`);
