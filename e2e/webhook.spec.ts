// Delivery events through the real server (security.md test 17): a maintainer's invitation reaches the fake Resend;
// Resend's signed webhook then reports it delivered. Unsigned, badly signed and stale requests are refused and change
// nothing; the same event twice is applied once; the Deliveries page shows the result.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { E2E_WEBHOOK_SECRET } from "./support";

const MAINTAINER = "webhook@project.example";
const MEMBER = "wendy@webhook-org.example";
const ROUTE = "/api/webhooks/resend";

function signed(id: string, at: Date, body: string, secret = E2E_WEBHOOK_SECRET): Record<string, string> {
  const signature = new Webhook(secret).sign(id, at, body);
  return { "content-type": "application/json", "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": signature };
}

async function post(request: APIRequestContext, headers: Record<string, string>, body: string): Promise<{ status: number; json: unknown }> {
  const response = await request.post(ROUTE, { headers, data: body });
  return { status: response.status(), json: await response.json() };
}

test("signed delivery events are applied once; unsigned, forged and stale ones are refused", async ({ page }) => {
  test.setTimeout(90_000);
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  await page.goto("/maintainer/directory");
  await page.getByLabel("Name", { exact: true }).fill("Webhook Org");
  await page.getByRole("button", { name: "Create organisation" }).click();
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email").fill(MEMBER);
  await form.getByRole("button", { name: "Invite member" }).click();
  await expect(page.getByText("Invitation sent.")).toBeVisible();

  // The worker in the server sends it; the fake Resend keeps its id and our outbox tag.
  let email: { id: string; tags?: Array<{ name: string; value: string }> } | undefined;
  await expect.poll(async () => (email = (await emailsTo(page.request, MEMBER))[0]) !== undefined, { timeout: 60_000 }).toBe(true);
  const event = JSON.stringify({ type: "email.delivered", created_at: new Date().toISOString(), data: { email_id: email!.id, to: [MEMBER], tags: { outbox_id: email!.tags?.find((t) => t.name === "outbox_id")?.value } } });
  const now = new Date();

  const refused = [
    ["unsigned", { "content-type": "application/json" }],
    ["forged", signed("msg_forged", now, event, `whsec_${Buffer.from("not-the-secret-at-all-000000000").toString("base64")}`)],
    ["stale", signed("msg_stale", new Date(now.getTime() - 10 * 60_000), event)],
    ["tampered", { ...signed("msg_tampered", now, event.replace("email.delivered", "email.bounced")) }],
  ] as const;
  for (const [what, headers] of refused) {
    const answer = await post(page.request, headers, event);
    expect(answer, what).toEqual({ status: 401, json: { ok: false, error: "Invalid signature." } });
  }

  // Still only "sent": none of the refused requests changed anything.
  await page.goto("/maintainer/deliveries");
  const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: `Invitation to ${MEMBER}` }) });
  await row.getByRole("link", { name: `Invitation to ${MEMBER}` }).click();
  const emailRow = page.getByRole("table", { name: "Emails of this send" }).getByRole("row").filter({ hasText: MEMBER });
  await expect(emailRow.getByRole("cell").nth(1)).toHaveText("sent");

  const headers = signed("msg_delivered_1", now, event);
  expect(await post(page.request, headers, event)).toEqual({ status: 200, json: { ok: true, result: "applied" } });
  expect(await post(page.request, headers, event)).toEqual({ status: 200, json: { ok: true, result: "duplicate" } });
  await page.reload();
  await expect(emailRow.getByRole("cell").nth(1)).toHaveText("delivered");
  await expect(emailRow.getByRole("cell").nth(5)).toContainText("UTC");
});
