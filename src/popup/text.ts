import type { FaceView } from '../core/summary';
import { t } from '../ui/i18n';

/** The first item's title as the page gave it (rendered as text, never HTML), or "Order 123". */
export function orderTitle(view: FaceView): string {
  const title = view.items?.value[0]?.title?.trim();
  return title ? title : t('popup_untitled', [view.orderId]);
}
