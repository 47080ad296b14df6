/** A table's column headings, as every console table shows them. */
export function HeaderRow({ columns, cellClassName }: { columns: readonly string[]; cellClassName: string }) {
  return (
    <tr>
      {columns.map((name) => (
        <th key={name} scope="col" className={cellClassName}>
          {name}
        </th>
      ))}
    </tr>
  );
}
