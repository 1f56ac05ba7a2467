import { type DragEvent, useRef, useState } from 'react';

const carriesFiles = (event: DragEvent): boolean => [...event.dataTransfer.types].includes('Files');

/**
 * Files dragged over an area: `dragging` while they hover it (for an overlay), `onFiles`
 * once dropped. Enter and leave fire for every child crossed, so they are counted.
 */
export function useFileDrop(onFiles: (files: File[]) => void, enabled = true) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const handlers = {
    onDragEnter(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      // Without this the browser opens the dropped file instead.
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop(event: DragEvent) {
      if (!enabled || !event.dataTransfer.files.length) return;
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      onFiles([...event.dataTransfer.files]);
    },
  };
  return { dragging, handlers };
}
