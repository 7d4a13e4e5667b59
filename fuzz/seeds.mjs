// Writes the fuzz seeds: the first argument of every acceptance case (tests/acceptance/cases.json) to
// fuzz/seeds/json_<function>/, the acceptance price list to fuzz/seeds/json_price_list/, and keeps the
// hand-written seeds (fuzz/seeds/*/hand-*.json) for the functions the cases do not cover yet.
// Run from the crate's root: `node fuzz/seeds.mjs` (make fuzz does).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const cases = JSON.parse(readFileSync('tests/acceptance/cases.json', 'utf8'));
// Each function's target is named after it: validateOrder → json_validate_order.
const target = (call) => `json_${call.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
let n = 0;
cases.forEach((c, i) => {
  const t = target(c.call);
  if (!c.args?.length) return;
  mkdirSync(`fuzz/seeds/${t}`, { recursive: true });
  const arg = JSON.stringify(c.args[0]);
  writeFileSync(`fuzz/seeds/${t}/acceptance-${String(i).padStart(2, '0')}.json`, arg);
  // An order request is also an estimate request and the other way round.
  if (t === 'json_estimate' || t === 'json_validate_order') {
    const other = t === 'json_estimate' ? 'json_validate_order' : 'json_estimate';
    mkdirSync(`fuzz/seeds/${other}`, { recursive: true });
    writeFileSync(`fuzz/seeds/${other}/acceptance-${String(i).padStart(2, '0')}.json`, arg);
  }
  // The subscription of a request seeds the renewal quote.
  if (c.args[0].subscription) {
    mkdirSync('fuzz/seeds/json_renewal_quote', { recursive: true });
    writeFileSync(`fuzz/seeds/json_renewal_quote/acceptance-${String(i).padStart(2, '0')}-sub.json`,
      JSON.stringify(c.args[0].subscription));
  }
  n++;
});
mkdirSync('fuzz/seeds/json_price_list', { recursive: true });
writeFileSync('fuzz/seeds/json_price_list/acceptance.json',
  JSON.stringify(JSON.parse(readFileSync('tests/acceptance/price-list.json', 'utf8'))));
console.log(`[fuzz] ${n} seeds from tests/acceptance/cases.json`);
