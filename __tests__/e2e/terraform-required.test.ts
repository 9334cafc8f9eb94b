/** A missing terraform fails deploys and the end-to-end tests with how to install it; never a silent skip. */
import { requireTerraform } from "../../cli/cdktf/require-terraform";

test("without terraform on PATH, requireTerraform fails and says which version to install and where from", () => {
  expect(() => requireTerraform({ PATH: "/nonexistent" })).toThrow(
    /terraform not found or not working .*terraform 1\.11\.4 is required on PATH .*https:\/\/developer\.hashicorp\.com\/terraform\/install/,
  );
});

test("with terraform on PATH, it reports the version the README names", () => {
  expect(requireTerraform()).toBe("1.11.4");
});
