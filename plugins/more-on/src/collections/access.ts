/** Nobody, not even an admin: the plugin's collections are written by the plugin alone. */
export const nobody = () => false

/** The plugin's derived collections: hidden in the admin panel, out of GraphQL, closed to every API. */
export const closedToEveryApi = {
  admin: { hidden: true },
  graphQL: false,
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
} as const
