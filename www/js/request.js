// Turning what a person typed into CertCentral's request fields (no pricing: the module does that).

/** The names typed: one per line, or separated by commas (a domain or an email address holds no comma). */
export function splitNames(text) {
  return String(text ?? "").split(/[\r\n,]+/).map((x) => x.trim()).filter(Boolean);
}

/** Names typed one per line (or comma-separated) → the `certificate` fields the product's family reads (R1). */
export function certificate(family, text) {
  // An organization name is taken whole (it may hold a comma): the first line is it.
  if (family === "code_signing" || family === "document_signing") {
    const first = String(text ?? "").split(/\r?\n/).map((x) => x.trim()).find(Boolean);
    return first ? { organization: first } : {};
  }
  const names = splitNames(text);
  if (family === "secure_email") return { emails: names };
  return { dns_names: names };
}

/** What the names box asks for, per family. */
export function namesLabel(family) {
  if (family === "secure_email") return "Email addresses, one per line or comma-separated";
  if (family === "code_signing" || family === "document_signing") return "Organization name";
  return "Domains, one per line or comma-separated";
}
