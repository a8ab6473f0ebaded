// Verifies received callbacks with the official Standard Webhooks library (npm: standardwebhooks).
// Input: a JSON file (argv[2]) of cases {name, secret, payload, headers}; prints one line per case,
// "<name> verified" or "<name> refused: <reason>", and exits 0 once all were judged.
const fs = require('fs');
const { Webhook } = require('standardwebhooks');

const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
for (const c of cases) {
  try {
    new Webhook(c.secret).verify(c.payload, c.headers);
    console.log(`${c.name} verified`);
  } catch (e) {
    // verify() checks the signature first and then parses the payload as JSON: a SyntaxError means
    // the signature held and the body is not JSON (plain text, form data).
    console.log(e instanceof SyntaxError ? `${c.name} verified` : `${c.name} refused: ${e.message}`);
  }
}
