// `<order-lens>` in JSX: React (orderlens/react: React.JSX) and the global
// JSX namespace (orderlens/jsx) other JSX setups use. Never executed.
import type {} from "orderlens/react";
import type { OrderLensElement, OrderLensActionEvent, Order } from "orderlens";
import { useRef } from "react";

declare const order: Order;

export function React18Page() {
  // React 18 passes attributes only: properties and the event through a ref.
  const ref = useRef<OrderLensElement>(null);
  return <order-lens ref={ref} locale="zh-CN" time-zone="shop" support-url="https://shop.example/help" action-timeout={8000} />;
}

export function React19Page() {
  // React 19 sets properties and listens to custom events from JSX.
  const onAction = (e: OrderLensActionEvent) => e.detail.respond(fetch("/cancel").then((r) => r.json() as Promise<Order>));
  return <order-lens order={order} locale="ru" onorderlens-action={onAction} className="status" />;
}

// @ts-expect-error: time-zone is text, not a number.
export const wrong = <order-lens time-zone={8} />;
