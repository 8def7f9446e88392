import "../../stacks/token-stack-traces";
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";

// Adds cdktf's matchers (toHaveResourceWithProperties, toBeValidTerraform, ...) to expect.
Testing.setupJest();
