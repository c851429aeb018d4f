import 'i18next'
import type { Resources } from './locales/zh-CN.ts'

declare module 'i18next' {
	interface CustomTypeOptions {
		defaultNS: 'common'
		resources: { common: Resources }
	}
}
