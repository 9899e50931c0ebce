// Signing in the way a person does: ask for a link, read it from the fake Resend server, confirm, second factor.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { generate } from "otplib";
import { E2E_PORTS } from "./support";

const MAIL = `http://127.0.0.1:${E2E_PORTS.fakeResend}/__test/messages`;

type FakeEmail = { id: string; to: string[]; subject: string; text?: string; tags?: Array<{ name: string; value: string }>; receivedAt: string };

export async function emailsTo(request: APIRequestContext, address: string): Promise<FakeEmail[]> {
  const response = await request.get(`${MAIL}?to=${encodeURIComponent(address)}`);
  return (await response.json()) as FakeEmail[];
}

const SIGN_IN_SUBJECT = "Your Forewarn sign-in link";

export async function signInEmailCount(request: APIRequestContext, address: string): Promise<number> {
  return (await emailsTo(request, address)).filter((m) => m.subject === SIGN_IN_SUBJECT).length;
}

/** Waits for a new sign-in email (after `since` sign-in emails) and returns its link. */
export async function latestSignInLink(request: APIRequestContext, address: string, since = 0): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const mails = (await emailsTo(request, address)).filter((m) => m.subject === SIGN_IN_SUBJECT);
      link = mails.length > since ? mails.at(-1)?.text?.match(/https?:\/\/\S+\/sign-in\/confirm\?\S+/)?.[0] : undefined;
      return link;
    }, { timeout: 60_000 })
    .toBeTruthy();
  return link!;
}

export async function requestLink(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();
}

export async function signInWithLink(page: Page, email: string): Promise<void> {
  const before = await signInEmailCount(page.request, email);
  await requestLink(page, email);
  const link = await latestSignInLink(page.request, email, before);
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Enrols TOTP from the set-up page; returns the secret and the recovery codes. */
export async function enrolTotp(page: Page): Promise<{ secret: string; codes: string[] }> {
  await expect(page.getByRole("heading", { name: "Set up your second factor" })).toBeVisible();
  // The form posts its action to the address bar's route: wait until the navigation that showed it has settled there
  // (a post from the route it came from answers "Server Action unavailable").
  await page.waitForURL(/\/sign-in\/second-factor/);
  const secret = (await page.locator("code").first().textContent())!.trim();
  await page.getByLabel("6-digit code from your app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(page.getByText("Second factor set up")).toBeVisible();
  // Once the factor is on, its key leaves the screen (only the recovery codes stay).
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toHaveCount(0);
  const codes = (await page.getByRole("list", { name: "Recovery codes" }).locator("li").allTextContents()).map((c) => c.trim());
  await page.getByRole("link", { name: "I saved them — continue" }).click();
  return { secret, codes };
}

/** A code for the next time step, so it is never the one enrolment already used. */
export async function nextTotp(secret: string): Promise<string> {
  const step = Math.floor(Date.now() / 30_000) + 1;
  return generate({ secret, epoch: step * 30 });
}
