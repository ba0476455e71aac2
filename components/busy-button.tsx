import type { ComponentPropsWithRef } from 'react';

/**
 * A button that refuses clicks while `busy` without being `disabled`: a disabled button drops the
 * keyboard focus to the top of the page, so a reviewer who pressed Accept would have to find their
 * place again after every verdict. It says it is unavailable (aria-disabled) and looks it.
 */
export function BusyButton({ busy, onClick, type = 'button', ...rest }: ComponentPropsWithRef<'button'> & { busy: boolean }) {
  return (
    <button
      {...rest}
      type={type}
      aria-disabled={busy || undefined}
      onClick={(e) => {
        if (busy) {
          // Also keeps a submit button from sending its form twice.
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
    />
  );
}
