import type { Metadata } from 'next';
import { OperatorConsole } from './operator-console';

export const metadata: Metadata = { title: 'Operator' };

export default function OperatorPage() {
  return <OperatorConsole />;
}
