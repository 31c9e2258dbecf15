// Public surface of the privacy area (issue 16): which interaction properties are personal, and their removal on erasure.
export { DEFAULT_PERSONAL_PROPERTY_KEYS, normalizePropertyKey, stripPersonalProperties } from "./personalProperties.js";
export type { StrippedProperties } from "./personalProperties.js";
