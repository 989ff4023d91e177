import { blogBehaviours } from './behaviours'

blogBehaviours('uuid')
