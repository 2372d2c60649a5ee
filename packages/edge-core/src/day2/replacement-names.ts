/**
 * The hostname of a VM's replacement, fixed at planning time so a re-run finds it in MAAS: an edgekit VM
 * `ek-<plan>-<role>-<n>` becomes the role's next free index (`ek-<plan>-<role>-<m>`, as if the plan had
 * one machine more); any other VM gets `-r<k>` appended. `taken` holds every hostname in use.
 */
export function replacementHostname(old: string, role: string, taken: Set<string>): string {
  const edgekit = new RegExp(`^(ek-[a-z0-9]+-${role.replace(/[^a-z0-9-]/g, '')})-(\\d+)$`).exec(old);
  const candidate = (k: number) => (edgekit === null ? `${old.slice(0, 58)}-r${k}` : `${edgekit[1]}-${k}`);
  let k = edgekit === null ? 1 : Number(edgekit[2]) + 1;
  while (taken.has(candidate(k))) k += 1;
  const name = candidate(k);
  taken.add(name);
  return name;
}
