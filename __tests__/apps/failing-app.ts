/**
 * An AtomicApp that fails as FAILING_APP_MODE says: "bug" (a plain Error,
 * i.e. a bug), "rejection" (a user error as an unhandled promise rejection),
 * "validation" (a CaCertificate refusing its PEM), "reference" (fromLookup
 * with neither an ID nor a name).
 */
import { TerraformStack } from "cdktf";
import { AtomicApp, CaCertificate, CaCertificateUserError } from "../../constructs";

AtomicApp.printUserErrorsCleanly();
const app = new AtomicApp();
const stack = new TerraformStack(app, "pki");
const mode = process.env.FAILING_APP_MODE;
if (mode === "bug") throw new Error("something the library did not expect");
if (mode === "rejection") void Promise.reject(new CaCertificateUserError("[pki] asynchronous problem: the user's to fix"));
if (mode === "validation") new CaCertificate(stack, "ClientCa", { caCertificate: "not a certificate" });
if (mode === "reference") CaCertificate.fromLookup(stack, "Found", {});
