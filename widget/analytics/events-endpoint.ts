/** `POST /v1/events` of the intake named by the site config's `intake.url`, resolved against the Kotae site. */
export function eventsEndpoint(intakeUrl: string, base: string): string {
  return `${new URL(intakeUrl, base).href.replace(/\/$/, '')}/v1/events`;
}
