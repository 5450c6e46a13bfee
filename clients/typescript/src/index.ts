export * from "./CalendarClient.js";
export type { components, paths } from "./generated/api.js";
