/** Nobody, not even an admin: the plugin's collections are written by the plugin alone. */
export const nobody = () => false
