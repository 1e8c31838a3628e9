"""The chapter's exercise, for comparison: a process pool maps Pillow over a folder, each JPEG/PNG resized to exactly
800x600 with Lanczos into FOLDER/SUBFOLDER/thumb_NAME, one line per image.

Usage: chapter_resizer.py FOLDER SUBFOLDER   (Debian: python3-pil)
"""
import multiprocessing
import os
import sys

from PIL import Image


def resize(task):
    source, target = task
    try:
        with Image.open(source) as image:
            image.resize((800, 600), Image.LANCZOS).save(target)
        return f"ok {source}"
    except Exception as error:
        return f"error {source}: {error}"


def main():
    folder, subfolder = sys.argv[1], sys.argv[2]
    out = os.path.join(folder, subfolder) if not os.path.isabs(subfolder) else subfolder
    os.makedirs(out, exist_ok=True)
    names = [n for n in sorted(os.listdir(folder)) if n.lower().endswith((".jpg", ".jpeg", ".png"))]
    tasks = [(os.path.join(folder, n), os.path.join(out, "thumb_" + n)) for n in names]
    with multiprocessing.Pool() as pool:
        for line in pool.map(resize, tasks):
            print(line)


if __name__ == "__main__":
    main()
