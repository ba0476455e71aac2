'use client';

import { useEffect, useState } from 'react';
import { supportsHighlights } from './highlights';

/**
 * Highlights are painted with the CSS Custom Highlight API (decision 004). A browser without it
 * shows the text bare, and clicks on the text open nothing: said plainly, with what still works.
 * Decided after mounting, so the server's HTML and the first render agree.
 */
export function HighlightSupportNotice() {
  const [unsupported, setUnsupported] = useState(false);
  useEffect(() => setUnsupported(!supportsHighlights()), []);
  if (!unsupported) return null;
  return (
    <div className="banner info" role="note">
      This browser cannot show highlights in the text: Slant paints them with the CSS Custom Highlight API (Chrome or Edge 105+, Safari 17.2+, Firefox 140+). The
      spans are listed beside the text, where each can be opened, and labelling a selection still works.
    </div>
  );
}
