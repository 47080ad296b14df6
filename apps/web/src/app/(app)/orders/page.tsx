import type { Metadata } from 'next';
import { OrderList } from './order-list';

export const metadata: Metadata = { title: 'My orders' };

export default function OrdersPage() {
  return <OrderList />;
}
