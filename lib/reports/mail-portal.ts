// Emails the reporter's portal sends. To the maintainers about a report: its reference and a link, never its content
// (nor the message itself: it is read in Forewarn).

export function reporterMessageEmail(input: { reference: string; link: string; to: string }): { to: string; subject: string; text: string } {
  return {
    to: input.to,
    subject: `${input.reference}: new message from the reporter`,
    text: `The reporter of ${input.reference} wrote to the security team.\n\nRead and answer it in Forewarn:\n${input.link}\n`,
  };
}
