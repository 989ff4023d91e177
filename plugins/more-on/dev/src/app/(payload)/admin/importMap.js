import { TagSuggestions as TagSuggestions_3be675af24e759fa2ce4aa69c5e47a2d } from 'payload-plugin-more-on/client'
import { MoreOnPanel as MoreOnPanel_3be675af24e759fa2ce4aa69c5e47a2d } from 'payload-plugin-more-on/client'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "payload-plugin-more-on/client#TagSuggestions": TagSuggestions_3be675af24e759fa2ce4aa69c5e47a2d,
  "payload-plugin-more-on/client#MoreOnPanel": MoreOnPanel_3be675af24e759fa2ce4aa69c5e47a2d,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
