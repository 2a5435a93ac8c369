"""Draw the application icon (a case folder with a check mark) as PNG and ICO with Pillow."""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 256
BLUE, PAPER, GREEN = (27, 79, 138, 255), (250, 248, 240, 255), (46, 139, 87, 255)


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((16, 16, 240, 240), radius=40, fill=BLUE)
    pen.rectangle((64, 48, 192, 208), fill=PAPER)
    for y in (84, 112, 140):
        pen.line((84, y, 172, y), fill=BLUE, width=8)
    pen.line((96, 178, 124, 204, 204, 124), fill=GREEN, width=22, joint="curve")
    return image


def write(folder: Path) -> tuple[Path, Path]:
    """Write casecheck.png and casecheck.ico into `folder`; returns both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    png, ico = folder / "casecheck.png", folder / "casecheck.ico"
    image = draw()
    image.save(png)
    image.save(ico, sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    return png, ico


if __name__ == "__main__":
    print(*write(Path("build/icon")), sep="\n")
