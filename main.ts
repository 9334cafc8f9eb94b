import { Aspects } from "cdktf";
import { EdgeStack } from "./app/edge-stack";
import { PkiStack } from "./app/pki-stack";
import { readConfig } from "./app/config";
import { AtomicApp, CaCertificateInventory, CaCertificatePolicy } from "./constructs";

// A mistake in the environment, a file, the policy or a certificate prints as
// its message alone with exit code 1; anything else is a bug and keeps its stack.
// First, so that the environment checks below get it too; nothing installs it unasked, AtomicApp included.
AtomicApp.printUserErrorsCleanly();

// Two stacks, as teams split them: "pki" owns the client CA, "edge" uses it.
// The CA's ID crosses from pki to edge as a cross-stack reference (an output of
// pki read through remote state in edge); see README "Sharing the certificate".
// Every environment mistake at once, each naming its variable.
const config = readConfig();
// AtomicApp: a failed synth writes nothing, and leaves an earlier cdktf.out as it was.
const app = new AtomicApp();
// The security team's rules hold for every CA certificate in every stack.
Aspects.of(app).add(CaCertificatePolicy.fromFile(config.policyFile));
// cdktf.out/ca-certificates.json: every CA certificate of the app, for audits (npm run inventory).
CaCertificateInventory.addTo(app);
const pki = new PkiStack(app, "pki", config);
new EdgeStack(app, "edge", config, pki.clientCa);
app.synth();
