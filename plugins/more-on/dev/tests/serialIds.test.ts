import { blogBehaviours } from './behaviours'

blogBehaviours('serial')
