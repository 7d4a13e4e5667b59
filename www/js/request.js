// Turning what a person typed into CertCentral's request fields (no pricing: the module does that).

/** Names typed one per line → the `certificate` fields the product's family reads (R1). */
export function certificate(family, text) {
  const names = String(text ?? "").split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
  if (family === "secure_email") return { emails: names };
  // One organization per certificate: the first line is it.
  if (family === "code_signing" || family === "document_signing") return names.length ? { organization: names[0] } : {};
  return { dns_names: names };
}

/** What the names box asks for, per family. */
export function namesLabel(family) {
  if (family === "secure_email") return "Email addresses, one per line";
  if (family === "code_signing" || family === "document_signing") return "Organization name";
  return "Domains, one per line";
}
