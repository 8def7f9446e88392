import type { ConfigRule, NetworkRule } from "../rule";
import { knownReferences } from "./known-references";

/** Rules on the config before references are followed; all must pass before the network is resolved. */
export const CONFIG_RULES: readonly ConfigRule[] = [knownReferences];

/** Rules on the resolved network. */
export const NETWORK_RULES: readonly NetworkRule[] = [];
