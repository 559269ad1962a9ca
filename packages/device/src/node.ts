/**
 * @bluezone/device/node: the Node-only adapters (they import node: builtins, so the browser entry leaves
 * them out). Everything else comes from "@bluezone/device".
 */
export { FileStore } from "./adapters/file-store.ts";
