import { Badge, Table, Td, Th, Tr } from './ui/index.ts'

export type ImportColumn = { field: string; zh: string; en: string; required: boolean; note: string }

/** The columns an import accepts: both header spellings, required or not, and what goes in them. */
export function ImportColumnsTable({
	heading,
	labels,
	columns,
}: {
	heading: string
	labels: { column: string; requirement: string; notes: string; required: string; optional: string }
	columns: readonly ImportColumn[]
}) {
	return (
		<Table caption={heading}>
			<thead>
				<tr>
					<Th>{labels.column}</Th>
					<Th>{labels.requirement}</Th>
					<Th>{labels.notes}</Th>
				</tr>
			</thead>
			<tbody>
				{columns.map((c) => (
					<Tr key={c.field}>
						<Td className="whitespace-nowrap">
							<span lang="zh-CN" className="block font-medium">
								{c.zh}
							</span>
							<code lang="en" className="block text-slate-700">
								{c.en}
							</code>
						</Td>
						<Td>
							<Badge tone={c.required ? 'brand' : 'neutral'}>{c.required ? labels.required : labels.optional}</Badge>
						</Td>
						<Td>{c.note}</Td>
					</Tr>
				))}
			</tbody>
		</Table>
	)
}
