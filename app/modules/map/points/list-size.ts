// Rows per page of the list beside the map: read by the list's query and by the page that numbers
// its rows, so it lives apart from the parameters' Zod schemas.
export const listPageSize = 20;
