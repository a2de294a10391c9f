import { Button, ButtonGroup } from './Button';
import { Row } from './Stack';
import { Text } from './Text';

/** "26–50 of 120" with a step back and a step forward; the words suit the list (newer/older, previous/next). */
export function Pager({
  offset,
  shown,
  total,
  pageSize,
  setOffset,
  back,
  forward,
}: {
  offset: number;
  shown: number;
  total: number;
  pageSize: number;
  setOffset: (offset: number) => void;
  back: string;
  forward: string;
}) {
  return (
    <Row align="space-between">
      <Text tone="subdued">
        {offset + 1}–{offset + shown} of {total}
      </Text>
      <ButtonGroup>
        <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
          {back}
        </Button>
        <Button disabled={offset + shown >= total} onClick={() => setOffset(offset + pageSize)}>
          {forward}
        </Button>
      </ButtonGroup>
    </Row>
  );
}
