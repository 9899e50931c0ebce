// An invited organisation receives no notices until it is activated: said where the maintainer works (the directory
// list, the organisation's page, a draft's send panel), with the fix in place.
import { ActionForm } from "@/components/ui/action-form";
import { Notice } from "@/components/ui/notice";
import { setOrganisationStatusAction } from "@/lib/directory/actions";

export function ActivateButton({ organisationId, name }: { organisationId: string; name: string }) {
  return <ActionForm action={setOrganisationStatusAction} fields={{ organisationId, status: "ACTIVE" }} label={`Activate ${name}`} pendingLabel="Activating…" variant="primary" />;
}

/** The organisation page's banner while it is invited. */
export function ActivationPrompt({ organisation }: { organisation: { id: string; name: string; status: string; people: number } }) {
  if (organisation.status !== "INVITED") return null;
  return (
    <Notice tone="warning" title="Not on the list yet: notices skip this organisation">
      <p>
        {organisation.name} is <strong>invited</strong>, not active: no notice is sent to it, and its {organisation.people === 1 ? "person receives" : `${organisation.people} people receive`} no notice email,
        until it is activated. Activate it once it should receive the project&apos;s notices (its people need not have signed in).
      </p>
      <div className="mt-3">
        <ActivateButton organisationId={organisation.id} name={organisation.name} />
      </div>
    </Notice>
  );
}
