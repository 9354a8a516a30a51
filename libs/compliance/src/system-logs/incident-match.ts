/**
 * SQL: the open incident `incident` covers the system-log row `log` — in its time range, and equal on every filter it
 * has. One definition for the three places that flag rows: opening an incident, the recorder's inserts while it is
 * open, and handing rows over to another open incident when one closes. Aliases come from code, never a request.
 */
export function openIncidentCovers(incident: string, log: string): string {
  return `${incident}.closed_at IS NULL
    AND ${log}.occurred_at >= ${incident}.from_time AND ${log}.occurred_at <= ${incident}.until_time
    AND (${incident}.filter->>'actorId' IS NULL OR ${log}.actor_id = (${incident}.filter->>'actorId')::uuid)
    AND (${incident}.filter->>'ip' IS NULL OR ${log}.ip = ${incident}.filter->>'ip')
    AND (${incident}.filter->>'route' IS NULL OR ${log}.route = ${incident}.filter->>'route')
    AND (${incident}.filter->>'workspaceId' IS NULL
         OR ${log}.workspace_id = (${incident}.filter->>'workspaceId')::uuid)`;
}

/** SQL: the id of the earliest open incident covering the row `log`, or null. */
export function coveringIncidentId(log: string): string {
  return `(SELECT covering.id FROM compliance_incidents covering
            WHERE ${openIncidentCovers('covering', log)}
            ORDER BY covering.opened_at, covering.id LIMIT 1)`;
}
